package io.quickrpc.spring.processes;

import io.quickrpc.Incoming;
import io.quickrpc.RemoteApi;

/**
 * The API of the applications that {@link ClientServerProcessesTests} starts in JVMs of their own.
 */
@RemoteApi("ping")
public interface PingApi {

	@Incoming
	String ping(String text);

}
