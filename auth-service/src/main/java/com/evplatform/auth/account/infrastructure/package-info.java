/** Persistence of accounts and tokens, and the Redis login throttle. */
package com.evplatform.auth.account.infrastructure;
