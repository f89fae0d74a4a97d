package com.evplatform.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test context at the real infrastructure ({@link Infrastructure}), with
 * the service's own schema and DB user.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface PlatformInfrastructure {

    /** The service's schema, which is also its DB user's name. */
    String schema();

    /** A library's scratch schema, reached as root, instead of a service's own user. */
    boolean scratch() default false;
}
