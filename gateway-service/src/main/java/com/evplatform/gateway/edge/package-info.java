/** The gateway's edge behaviour: identity headers, trace context, access log, rate-limit and fallback answers. */
package com.evplatform.gateway.edge;
