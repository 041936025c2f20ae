package io.quickrpc.announcer;

import java.util.List;

import io.quickrpc.Incoming;
import io.quickrpc.Outgoing;
import io.quickrpc.Peer;
import io.quickrpc.RemoteApi;

/**
 * The announcer API of the Python original, seen from a service: seekers call {@link #seek},
 * the service answers with {@link #advertise}. A seeker uses it inverted.
 */
@RemoteApi("announcer")
public interface AnnouncerApi {

	/**
	 * Asks the services that match a filter to advertise themselves.
	 * @param sender the seeker
	 * @param filter what is sought; its meaning is up to the services, empty for anything
	 */
	@Incoming
	void seek(@Peer String sender, String filter);

	/**
	 * Tells seekers that a service is present.
	 * @param receivers the seekers, {@code null} for all
	 * @param description what the service is: its kind, version, address...
	 */
	@Outgoing
	void advertise(@Peer List<String> receivers, String description);

}
