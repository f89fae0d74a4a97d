/** Configuration and web conventions shared by every business service. */
package com.evplatform.service.support;
