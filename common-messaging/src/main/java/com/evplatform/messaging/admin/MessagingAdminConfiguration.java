package com.evplatform.messaging.admin;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the admin endpoints in servlet web applications. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class MessagingAdminConfiguration {

    @Bean
    MessagingAdminController messagingAdminController(MessagingOperations operations,
            @Value("${spring.application.name}") String serviceName) {
        return new MessagingAdminController(operations, serviceName);
    }
}
