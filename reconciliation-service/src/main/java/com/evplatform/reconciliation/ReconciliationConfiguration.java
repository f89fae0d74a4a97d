package com.evplatform.reconciliation;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.reconciliation.contract.ReconciliationEvents;
import com.evplatform.reconciliation.runs.application.ReconciliationProperties;

/** The clock, the exchange reconciliation publishes adjustments to, and its schedules. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ReconciliationProperties.class)
class ReconciliationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ExchangeDefinition reconciliationEvents() {
        return ReconciliationEvents.EXCHANGE;
    }
}
