package io.quickrpc.spring.readme.tracing;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import io.quickrpc.IncomingHandler;

@Component
public class OrderHandler {

	@IncomingHandler
	@PreAuthorize("hasRole('BUYER')")
	public String place(String item) {
		return item + " ordered by " + SecurityContextHolder.getContext().getAuthentication().getName();
	}

}
