package com.evplatform.gateway.edge;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a request when its service is down, slow or its
 * circuit is open: a fast 503 naming the service, e.g. {@code CHARGING_SERVICE_UNAVAILABLE}.
 */
@RestController
class FallbackController {

    @RequestMapping("/fallback/{service}")
    Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        String code = service.toUpperCase(Locale.ROOT).replace('-', '_') + "_UNAVAILABLE";
        return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, code,
                "The " + service + " is unavailable right now; try again shortly.");
    }
}
