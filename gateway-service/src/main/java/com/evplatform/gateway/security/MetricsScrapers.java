package com.evplatform.gateway.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.security.authorization.AuthorityReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authorization.IpAddressReactiveAuthorizationManager;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who may read the gateway's own {@code /actuator/prometheus}: an ADMIN, as for every other
 * actuator endpoint (ADR 14), or a Prometheus server connecting from one of the addresses or
 * CIDR ranges of {@code GATEWAY_METRICS_SCRAPERS} (none by default). A scraper holds no token;
 * its connection's peer address counts, never a forwarded header, and it reads metrics only.
 */
final class MetricsScrapers implements ReactiveAuthorizationManager<AuthorizationContext> {

    private final List<ReactiveAuthorizationManager<AuthorizationContext>> allowed = new ArrayList<>();

    MetricsScrapers(String scraperAddresses) {
        allowed.add(AuthorityReactiveAuthorizationManager.hasRole("ADMIN"));
        Arrays.stream(scraperAddresses.split(",")).map(String::strip).filter(address -> !address.isEmpty())
                .map(IpAddressReactiveAuthorizationManager::hasIpAddress).forEach(allowed::add);
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        return Flux.fromIterable(allowed).concatMap(manager -> manager.authorize(authentication, context))
                .filter(AuthorizationResult::isGranted).next()
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
