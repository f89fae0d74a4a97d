/**
 * Use cases of accounts: registering, logging in, refreshing, logging out, the first admin,
 * forgetting ended logins' refresh tokens;
 * the ports they need ({@link com.evplatform.auth.account.application.Users},
 * {@link com.evplatform.auth.account.application.Operators},
 * {@link com.evplatform.auth.account.application.RefreshTokens},
 * {@link com.evplatform.auth.account.application.LoginThrottle}), which infrastructure implements;
 * and the refusals they answer with ({@link com.evplatform.auth.account.application.AccountRefusal}).
 */
package com.evplatform.auth.account.application;
