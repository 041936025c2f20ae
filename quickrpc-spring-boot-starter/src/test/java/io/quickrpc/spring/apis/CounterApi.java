package io.quickrpc.spring.apis;

import io.quickrpc.Incoming;
import io.quickrpc.RemoteApi;
import io.quickrpc.ReplyTimeout;

@RemoteApi
public interface CounterApi {

	@Incoming
	@ReplyTimeout(2)
	long increment(long by);

	@Incoming
	void wave(String who);

}
