package io.quickrpc.spring.apis;

import io.quickrpc.Incoming;
import io.quickrpc.RemoteApi;

@RemoteApi
public interface CounterApi {

	@Incoming
	long increment(long by);

	@Incoming
	void wave(String who);

}
