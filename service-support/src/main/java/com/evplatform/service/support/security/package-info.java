/** Token checks shared by the business services: JWT from auth-service's JWKS, roles, problem answers. */
package com.evplatform.service.support.security;
