/** The web conventions of API.md shared by the business services: problem responses and their codes. */
package com.evplatform.service.support.web;
