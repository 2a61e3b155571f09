package dev.skim.bridge.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * API-key check for {@code /v1/**} when {@code skim.bridge.auth.enabled=true}: 401 without a
 * configured key, 403 when the key may not read the stream in the path. Health, metrics, OpenAPI
 * and Swagger UI under {@code /q} stay open.
 */
public class AuthFilter {
    private static final Logger LOG = Logger.getLogger(AuthFilter.class);

    private final ApiKeys keys;

    AuthFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request, UriInfo uri) {
        if (!keys.enabled() || !uri.getPath().startsWith("/v1")) {
            return Optional.empty();
        }
        String presented = ApiKeys.presented(request::getHeaderString);
        Optional<ApiKeys.Key> key = keys.authenticate(presented);
        if (key.isEmpty()) {
            return Optional.of(
                    ProblemKind.UNAUTHORIZED
                            .exception(
                                    presented == null
                                            ? "an API key is required (header "
                                                    + ApiKeys.HEADER
                                                    + " or Authorization: Bearer)"
                                            : "the API key is not valid")
                            .response()
                            .header("WWW-Authenticate", "Bearer realm=\"skim\"")
                            .build());
        }
        String stream = uri.getPathParameters().getFirst("id");
        if (stream != null && !key.get().mayRead(stream)) {
            LOG.infof("key '%s' may not read stream '%s'", key.get().name(), stream);
            return Optional.of(
                    ProblemKind.FORBIDDEN
                            .exception("this API key may not read stream '" + stream + "'")
                            .response()
                            .build());
        }
        return Optional.empty();
    }
}
