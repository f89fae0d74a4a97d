/** HTTP endpoints of accounts: register, login, refresh, logout, me, and the admin rows. */
package com.evplatform.auth.account.web;
