/**
 * HTTP endpoints of accounts: register, login, refresh, logout, me, and the admin rows; and the
 * account refusals as API.md problems.
 */
package com.evplatform.auth.account.web;
