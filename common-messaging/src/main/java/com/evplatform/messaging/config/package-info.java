/** Spring Boot auto-configuration and settings of the messaging library. */
package com.evplatform.messaging.config;
