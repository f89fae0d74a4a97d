package com.evplatform.service.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

import com.evplatform.service.support.web.ProblemResponses;

/** Registers the shared web conventions in every servlet-based business service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemResponses.class)
public class ServiceWebAutoConfiguration {
}
