package io.quickrpc.spring.web;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.springframework.context.annotation.Lazy;

import io.quickrpc.IncomingHandler;
import io.quickrpc.Peer;
import io.quickrpc.security.SecurityInfo;

/** Handles the chat API in the web tests, and remembers what it was told. */
class ChatHandler {

	final BlockingQueue<String> said = new LinkedBlockingQueue<>();

	final BlockingQueue<Map<String, String>> securityInfo = new LinkedBlockingQueue<>();

	private final ChatApi peers;

	ChatHandler(@Lazy ChatApi peers) {
		this.peers = peers;
	}

	@IncomingHandler
	String ping(String text, SecurityInfo info) {
		this.securityInfo.add(info.asMap());
		return text;
	}

	@IncomingHandler
	long add(long a, long b) {
		return a + b;
	}

	@IncomingHandler
	void say(@Peer String sender, String text) {
		this.said.add(sender + ": " + text);
		this.peers.echo(null, text);
	}

	@IncomingHandler
	void flood(int count, int size) {
		String text = "x".repeat(size);
		for (int i = 0; i < count; i++) {
			this.peers.echo(null, text);
		}
	}

	@IncomingHandler
	String whoami(@Peer String sender) {
		return sender;
	}

	@IncomingHandler
	String askBack(@Peer String sender, String question) {
		return this.peers.ask(sender, question).join();
	}

}
