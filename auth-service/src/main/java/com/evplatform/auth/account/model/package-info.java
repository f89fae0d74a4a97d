/** Accounts, operators and refresh tokens, with the rules they keep. */
package com.evplatform.auth.account.model;
