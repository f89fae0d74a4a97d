package com.evplatform.service.support;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

import com.evplatform.service.support.health.DependencyHealthMetrics;
import com.evplatform.service.support.web.JsonBodyLimit;
import com.evplatform.service.support.web.ProblemResponses;

/**
 * Registers the shared web conventions in every servlet-based business service (problem
 * responses, the JSON body limit), and the metric of its dependencies' health.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemResponses.class)
public class ServiceWebAutoConfiguration {

    /** JSON bodies over {@code platform.web.max-json-body} are refused with 413, chunked ones included. */
    @Bean
    FilterRegistrationBean<JsonBodyLimit> jsonBodyLimit(
            @Value("${platform.web.max-json-body:1MB}") DataSize limit) {
        var registration = new FilterRegistrationBean<>(new JsonBodyLimit(Math.toIntExact(limit.toBytes())));
        // After Spring Security: a caller without a token is refused before its body is read.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    @Bean
    DependencyHealthMetrics dependencyHealthMetrics(ObjectProvider<HealthEndpoint> health) {
        return new DependencyHealthMetrics(health);
    }
}
