package io.quickrpc.transport;

import java.util.concurrent.atomic.AtomicInteger;

import io.quickrpc.spi.Registry;

/** The transport contract for {@code internal}, with other members of the bus as peers. */
class InternalTransportContractTests extends AbstractTransportTest {

	private final AtomicInteger remotes = new AtomicInteger();

	private Registry<Transport> transports = Registry.transports();

	@Override
	protected Transport createSubject(Registry<Transport> transports) {
		this.transports = transports;
		return transports.create("internal:bus-" + this.unique + ":subject-" + this.unique);
	}

	@Override
	protected Remote connect(Transport subject) {
		return new Remotes.TransportRemote(this.transports
			.create("internal:bus-" + this.unique + ":remote-" + this.remotes.incrementAndGet() + "-" + this.unique),
				"subject-" + this.unique);
	}

	@Override
	protected boolean isSubjectThread(Thread thread) {
		return thread.getName().contains("subject-" + this.unique);
	}

}
