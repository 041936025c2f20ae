/**
 * The {@code nats:} transport: the endpoints of an API meet on a NATS server or cluster, in a
 * <em>namespace</em>, and find each other by presence. Write
 * {@code nats:SERVERS:NAMESPACE[:GROUP]} (see {@link io.quickrpc.transport.nats.NatsTransportFactory});
 * credentials, TLS and timing go in {@link io.quickrpc.transport.nats.NatsOptions}.
 *
 * <h2>Peers</h2>
 * Each endpoint has a unique peer name, chosen anew at each start
 * ({@link io.quickrpc.transport.nats.NatsTransport#peerName()}). It sees every other endpoint of
 * its namespace as a peer. An endpoint started with a service {@code GROUP} is also a
 * <em>member</em> of that group; every endpoint that is not a member of {@code GROUP} sees the
 * whole group as one more peer, named {@code GROUP}, present while at least one member is.
 * <ul>
 * <li>A broadcast ({@code receivers == null}, a notification without {@code @Peer}) reaches every
 * other endpoint of the namespace exactly once, members included, never the sender; it does not
 * go to the group as such.</li>
 * <li>A send to a peer name reaches exactly that endpoint.</li>
 * <li>A send to a group's peer reaches one member, chosen by NATS (a queue subscription). The
 * member sees the sender as {@code SENDER@GROUP}; what it sends to that name, such as the reply,
 * reaches the sender as coming from the peer {@code GROUP}, where the sender's pending request
 * waits for it.</li>
 * <li>On an endpoint that is no member, while exactly one group is present,
 * {@link io.quickrpc.transport.Transport#defaultReceiver()} is that group: a request without
 * {@code @Peer} goes to the service, whatever other peers are connected. A member has no default
 * receiver: a request it makes names its peer.</li>
 * </ul>
 *
 * <h2>Subjects</h2>
 * Every subject starts with {@code qrpc.NAMESPACE.}; a server's permissions on
 * {@code qrpc.NAMESPACE.>} thus guard a namespace. The sender of every data message is the last
 * token of its subject.
 * <table>
 * <caption>Subjects of namespace NS</caption>
 * <tr><th>subject</th><th>carries</th><th>subscribed by</th></tr>
 * <tr><td>{@code qrpc.NS.all.SENDER}</td><td>a broadcast</td><td>everyone, {@code qrpc.NS.all.*}</td></tr>
 * <tr><td>{@code qrpc.NS.to.RECEIVER.SENDER}</td><td>a message to one endpoint</td><td>RECEIVER, {@code qrpc.NS.to.RECEIVER.*}</td></tr>
 * <tr><td>{@code qrpc.NS.svc.GROUP.SENDER}</td><td>a message to the service group</td><td>the members, {@code qrpc.NS.svc.GROUP.*} in queue group {@code GROUP}</td></tr>
 * <tr><td>{@code qrpc.NS.via.RECEIVER.GROUP}</td><td>a member's answer to RECEIVER, as from peer GROUP</td><td>RECEIVER, {@code qrpc.NS.via.RECEIVER.*}</td></tr>
 * <tr><td>{@code qrpc.NS.presence.SENDER}</td><td>{@code hello [GROUP]}, {@code beat [GROUP]}, {@code bye}</td><td>everyone, {@code qrpc.NS.presence.*}</td></tr>
 * <tr><td>{@code qrpc.NS.presence.SENDER.RECEIVER}</td><td>{@code beat [GROUP]} answering a hello; {@code drop}</td><td>RECEIVER, {@code qrpc.NS.presence.*.RECEIVER}</td></tr>
 * </table>
 * Each NATS message carries what the endpoint's codec made of one send: frames keep their
 * delimiters, and a frame split across messages is put together again, up to the maximum frame
 * size.
 *
 * <h2>Presence</h2>
 * An endpoint says {@code hello} when it starts (the others answer it directly, so it knows them
 * soon after {@code start()} returns), a {@code beat} every
 * {@link io.quickrpc.transport.nats.NatsOptions#presenceInterval() presence interval}, and
 * {@code bye} when it stops. Any message counts as a sign of life. A peer silent past the
 * {@link io.quickrpc.transport.nats.NatsOptions#presenceTimeout() presence timeout}, or one that
 * said goodbye, is reported disconnected, so its endpoint fails the requests waiting for it as
 * "peer gone". A peer that sends more than the maximum frame size without completing a message
 * is dropped: ignored from then on, and told so ({@code drop}). Presence is not signed: use the
 * server's accounts and permissions to keep strangers out of a namespace, and a security provider
 * such as {@code hmac} to reject what they send.
 *
 * <h2>The NATS services protocol</h2>
 * A member also registers with jnats's {@code io.nats.service}: it answers {@code $SRV.PING},
 * {@code $SRV.INFO} and {@code $SRV.STATS} with the namespace as service name, its endpoint
 * {@code calls} on {@code qrpc.NS.svc.GROUP.*} (queue group {@code GROUP}) counting the requests
 * it took and their handling time, and metadata naming the namespace, group, handled methods, peer name and
 * quickrpc version, so that {@code nats micro ls} lists it.
 */
@NullMarked
package io.quickrpc.transport.nats;

import org.jspecify.annotations.NullMarked;
