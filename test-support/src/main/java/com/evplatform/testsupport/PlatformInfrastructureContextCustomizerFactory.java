package com.evplatform.testsupport;

import java.util.List;
import java.util.Map;

import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** Adds the infrastructure's addresses ahead of the service's own configuration. */
class PlatformInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        PlatformInfrastructure annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, PlatformInfrastructure.class);
        return annotation == null ? null : new Customizer(annotation.schema(), annotation.scratch());
    }

    private static final String INLINED_PROPERTIES = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;

    private record Customizer(String schema, boolean scratch) implements ContextCustomizer {
        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            Map<String, Object> properties = scratch ? Infrastructure.get().scratchSchemaProperties(schema)
                    : Infrastructure.get().springProperties(schema);
            var source = new MapPropertySource("platformInfrastructure", properties);
            var sources = context.getEnvironment().getPropertySources();
            // A test's own inlined properties (e.g. a Redis port that is closed on purpose) still win.
            if (sources.contains(INLINED_PROPERTIES)) {
                sources.addAfter(INLINED_PROPERTIES, source);
            } else {
                sources.addFirst(source);
            }
        }
    }
}
