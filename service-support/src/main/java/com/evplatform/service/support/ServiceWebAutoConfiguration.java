package com.evplatform.service.support;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import com.evplatform.service.support.health.DependencyHealthMetrics;
import com.evplatform.service.support.web.ProblemResponses;

/**
 * Registers the shared web conventions in every servlet-based business service, and the
 * metric of its dependencies' health.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemResponses.class)
public class ServiceWebAutoConfiguration {

    @Bean
    DependencyHealthMetrics dependencyHealthMetrics(ObjectProvider<HealthEndpoint> health) {
        return new DependencyHealthMetrics(health);
    }
}
