package dev.skim.eval;

/**
 * One chain at one budget and the two baselines at the same total token count.
 *
 * @param chain the chain template as given
 * @param budget the budget substituted for {@code {B}}, or null for a chain without it
 * @param result the chain's numbers
 * @param gridPooling baseline 1 at the chain's total
 * @param frameSubsampling baseline 2 at the chain's total
 * @param frameStride frames per whole frame kept by baseline 2 (null when it keeps no whole frame)
 */
public record Comparison(
        String chain,
        Integer budget,
        MethodResult result,
        MethodResult gridPooling,
        MethodResult frameSubsampling,
        Double frameStride) {}
