package io.quickrpc.spring.web;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.quickrpc.Incoming;
import io.quickrpc.Outgoing;
import io.quickrpc.Peer;
import io.quickrpc.RemoteApi;

@RemoteApi("chat")
public interface ChatApi {

	@Incoming
	String ping(String text);

	@Incoming
	long add(long a, long b);

	@Incoming
	void say(@Peer String sender, String text);

	@Incoming
	String whoami(@Peer String sender);

	@Incoming
	String askBack(@Peer String sender, String question);

	@Incoming
	void flood(int count, int size);

	@Incoming
	String audit(String entry);

	@Outgoing
	void echo(@Peer List<String> receivers, String text);

	@Outgoing
	CompletableFuture<String> ask(@Peer String receiver, String question);

}
