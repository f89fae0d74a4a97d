/** Use cases of accounts: registering, logging in, refreshing, logging out, the first admin. */
package com.evplatform.auth.account.application;
