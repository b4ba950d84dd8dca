/**
 * PS3.8 section 9.2 and 7.1: the association state machine as data ({@link org.qanode.net.assoc.State},
 * {@link org.qanode.net.assoc.Event}, {@link org.qanode.net.assoc.Action}, {@link org.qanode.net.assoc.StateTable}),
 * driven per connection by {@link org.qanode.net.assoc.AssociationHandler}; negotiation by
 * {@link org.qanode.net.assoc.AcceptancePolicy}; {@link org.qanode.net.assoc.DicomServer} (acceptor) and
 * {@link org.qanode.net.assoc.AssociationRequestor} (requestor). The layer above sees an
 * {@link org.qanode.net.assoc.Association} and implements {@link org.qanode.net.assoc.AssociationListener}.
 */
package org.qanode.net.assoc;
