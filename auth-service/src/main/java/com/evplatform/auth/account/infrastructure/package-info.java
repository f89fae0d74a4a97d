/** Persistence of accounts and tokens, and the Redis login throttle: the application's ports, implemented. */
package com.evplatform.auth.account.infrastructure;
