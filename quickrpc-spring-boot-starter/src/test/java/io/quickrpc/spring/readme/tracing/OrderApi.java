package io.quickrpc.spring.readme.tracing;

import io.quickrpc.Incoming;
import io.quickrpc.RemoteApi;

@RemoteApi("orders")
public interface OrderApi {

	@Incoming
	String place(String item);

}
