package io.quickrpc.transport.composite;

import io.quickrpc.transport.Transport;

/**
 * Creates composite transports with settings that expressions cannot carry.
 */
public final class CompositeTransports {

	private CompositeTransports() {
	}

	/**
	 * Creates a transport that keeps another one running, as {@code restart:SECONDS:T} does, but
	 * with exponential backoff and, if asked, a first start that fails fast. A TCP client wrapped
	 * in it reconnects by itself. It is running while the transport it keeps is.
	 * @param transport the transport to keep running, not started
	 * @param options the delays between attempts
	 * @return a new transport, not started
	 */
	public static Transport restart(Transport transport, RestartOptions options) {
		return new RestartTransport(options, transport);
	}

}
