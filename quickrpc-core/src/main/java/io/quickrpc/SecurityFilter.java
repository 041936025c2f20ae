package io.quickrpc;

import java.nio.ByteBuffer;
import java.util.Map;

import io.quickrpc.security.Security;
import io.quickrpc.security.SecurityInfo;
import io.quickrpc.security.SecurityRejectedException;

/**
 * Decides what a received frame's sender is vouched for: the security provider checks the frame
 * against its security header, and the transport adds what it verified of the peer (the subject
 * of its TLS certificate, the principal a web server authenticated).
 */
final class SecurityFilter {

	private final Security security;

	private final Outbox outbox;

	SecurityFilter(Security security, Outbox outbox) {
		this.security = security;
		this.outbox = outbox;
	}

	/**
	 * Checks one frame.
	 * @param peer the sender
	 * @param payload the frame as received
	 * @param header the security information sent ahead of it, empty if none
	 * @return what is vouched for about the sender
	 * @throws SecurityRejectedException if the frame must not be dispatched
	 */
	SecurityInfo verify(String peer, ByteBuffer payload, Map<String, String> header) {
		SecurityInfo verified = this.security.verify(payload, header);
		String identity = this.outbox.transport().peerIdentity(peer);
		SecurityInfo info = (identity != null) ? verified.with(SecurityInfo.TLS_PEER, identity) : verified;
		for (Map.Entry<String, String> entry : this.outbox.transport().peerSecurityInfo(peer).entrySet()) {
			if (info.get(entry.getKey()) == null) {
				info = info.with(entry.getKey(), entry.getValue());
			}
		}
		return info;
	}

}
