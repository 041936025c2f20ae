package io.quickrpc.spring.web;

import org.springframework.security.access.prepost.PreAuthorize;

import io.quickrpc.IncomingHandler;
import io.quickrpc.security.SecurityInfo;

/**
 * Handles the chat API's {@code audit} for administrators only, in the web tests with method
 * security; tells the {@link ChatHandler} the security information of the calls it permits.
 */
class AuditHandler {

	private final ChatHandler chat;

	AuditHandler(ChatHandler chat) {
		this.chat = chat;
	}

	@IncomingHandler
	@PreAuthorize("hasRole('ADMIN')")
	String audit(String entry, SecurityInfo info) {
		this.chat.securityInfo.add(info.asMap());
		return "logged " + entry;
	}

}
