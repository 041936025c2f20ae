/**
 * Finding services on a LAN, as the Python original's announcer does: seekers broadcast
 * {@code seek}, services answer with {@code advertise}, over UDP with the terse codec.
 */
@NullMarked
package io.quickrpc.announcer;

import org.jspecify.annotations.NullMarked;
