package dev.skim.core.compression;

import java.util.Map;

/**
 * What one operator of a chain did in one call.
 *
 * @param name operator name
 * @param params operator parameters as text
 * @param tokensIn tokens it received
 * @param tokensOut tokens it returned
 */
public record OperatorStats(String name, Map<String, String> params, int tokensIn, int tokensOut) {
    public OperatorStats {
        params = Map.copyOf(params);
    }
}
