/** Access tokens: the signing key, issuing, verifying, and the JWKS endpoint. */
package com.evplatform.auth.token;
