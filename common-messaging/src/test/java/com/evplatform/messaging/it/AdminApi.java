package com.evplatform.messaging.it;

import com.evplatform.testsupport.ApiClient;

import tools.jackson.databind.JsonNode;

/** The messaging admin endpoints of one service, called over HTTP as an operator's tool would. */
record AdminApi(int port, String service) {

    JsonNode get(String path) {
        return client().get(prefix() + path, null).json();
    }

    int post(String path) {
        return client().post(prefix() + path, null, "").status();
    }

    private ApiClient client() {
        return new ApiClient(port);
    }

    private String prefix() {
        return "/api/admin/messaging/" + service;
    }
}
