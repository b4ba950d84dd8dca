package org.qanode.net.assoc;

import org.qanode.dicom.UIDs;
import org.qanode.net.pdu.AAssociateAc;
import org.qanode.net.pdu.AAssociateRj;
import org.qanode.net.pdu.AAssociateRq;
import org.qanode.net.pdu.PresentationContextAc;
import org.qanode.net.pdu.PresentationContextRq;
import org.qanode.net.pdu.UserInformation;
import org.qanode.net.pdu.UserInformationItem;
import org.qanode.net.pdu.UserInformationItem.AsyncOperationsWindow;
import org.qanode.net.pdu.UserInformationItem.RoleSelection;
import org.qanode.net.pdu.UserInformationItem.SopClassExtendedNegotiation;
import org.qanode.net.pdu.UserInformationItem.UserIdentityAc;
import org.qanode.net.pdu.UserInformationItem.UserIdentityRq;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How the acceptor answers an A-ASSOCIATE-RQ (PS3.8 7.1.1, PS3.7 D.3.3). Built once from
 * configuration and immutable. Rejections are typed: a policy cannot refuse without naming the
 * PS3.8 Table 9-21 reason.
 */
public final class AcceptancePolicy {
    /** An allowed calling AE title, optionally only from one host. */
    public record CallingAe(String aeTitle, InetAddress host) {
        public CallingAe {
            Objects.requireNonNull(aeTitle, "aeTitle");
        }

        public static CallingAe any(String aeTitle) {
            return new CallingAe(aeTitle, null);
        }

        boolean matches(String calling, InetAddress from) {
            return aeTitle.equals(calling) && (host == null || host.equals(from));
        }
    }

    /** Answers a proposed SCP/SCU role selection (PS3.7 D.3.3.4); may only grant roles that were proposed. */
    @FunctionalInterface
    public interface RoleSelector {
        RoleSelection answer(RoleSelection proposed);
    }

    /** Decides on a User Identity Negotiation (PS3.7 D.3.3.7). */
    @FunctionalInterface
    public interface UserIdentityPolicy {
        /** @return the server response to send when accepted (empty array for username types), or empty to reject */
        Optional<byte[]> authenticate(UserIdentityRq identity);

        UserIdentityPolicy ACCEPT_ALL = identity -> Optional.of(new byte[0]);
    }

    /** The outcome: either an AC or an RJ. */
    public record Decision(AAssociateAc accept, AAssociateRj reject) {
        public boolean accepted() {
            return accept != null;
        }
    }

    /** Half of the default 16 associations: one host never takes them all. */
    public static final int DEFAULT_MAX_ASSOCIATIONS_PER_HOST = 8;

    private final Set<String> aeTitles;
    private final List<CallingAe> allowedCallingAeTitles;
    private final int maxAssociations;
    private final int maxAssociationsPerHost;
    private final Predicate<String> abstractSyntaxes;
    private final List<String> transferSyntaxes;
    private final RoleSelector roleSelector;
    private final UserIdentityPolicy userIdentityPolicy;
    private final Function<SopClassExtendedNegotiation, Optional<SopClassExtendedNegotiation>> extendedNegotiation;
    private final AsyncOperationsWindow asyncOperationsWindow;
    private final long maxPduLength;
    private final Predicate<String> acceptedAsOffered;

    private AcceptancePolicy(Builder b) {
        this.aeTitles = Set.copyOf(b.aeTitles);
        this.allowedCallingAeTitles = List.copyOf(b.allowedCallingAeTitles);
        this.maxAssociations = b.maxAssociations;
        this.maxAssociationsPerHost = b.maxAssociationsPerHost;
        this.abstractSyntaxes = b.abstractSyntaxes;
        this.transferSyntaxes = List.copyOf(b.transferSyntaxes);
        this.roleSelector = b.roleSelector;
        this.userIdentityPolicy = b.userIdentityPolicy;
        this.extendedNegotiation = b.extendedNegotiation;
        this.asyncOperationsWindow = b.asyncOperationsWindow;
        this.maxPduLength = b.maxPduLength;
        this.acceptedAsOffered = b.acceptedAsOffered;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxAssociations() {
        return maxAssociations;
    }

    public int maxAssociationsPerHost() {
        return maxAssociationsPerHost;
    }

    public long maxPduLength() {
        return maxPduLength;
    }

    /**
     * The service-provider's part of AE-6 (PS3.8 9.2.2): protocol version and the association limit.
     * {@code active} counts associations including this one.
     */
    public Optional<AAssociateRj> checkProvider(AAssociateRq rq, int active) {
        return checkProvider(rq, new AssociationLimiter.Counts(active, 0));
    }

    /**
     * The service-provider's part of AE-6 (PS3.8 9.2.2): protocol version, the association limit and
     * the limit per calling host; {@code counts} include this association. Both limits answer
     * rejected-transient, local-limit-exceeded (PS3.8 Table 9-21, source 3 reason 2): the peer may
     * try again later. The per-host limit keeps one host (a misbehaving or slow sender) from taking
     * every slot.
     */
    public Optional<AAssociateRj> checkProvider(AAssociateRq rq, AssociationLimiter.Counts counts) {
        if ((rq.protocolVersion() & 1) == 0) {
            // PS3.8 9.3.2: bit 0 set means version 1, the only one there is.
            return Optional.of(new AAssociateRj(AAssociateRj.Result.REJECTED_PERMANENT, AAssociateRj.Reason.PROTOCOL_VERSION_NOT_SUPPORTED));
        }
        if (counts.total() > maxAssociations || counts.fromHost() > maxAssociationsPerHost) {
            return Optional.of(new AAssociateRj(AAssociateRj.Result.REJECTED_TRANSIENT, AAssociateRj.Reason.LOCAL_LIMIT_EXCEEDED));
        }
        return Optional.empty();
    }

    /** The service-user's answer (the local A-ASSOCIATE response primitive, Evt7 or Evt8). */
    public Decision negotiate(AAssociateRq rq, InetAddress from) {
        if (!AAssociateRq.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContextName())) {
            return reject(AAssociateRj.Reason.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED);
        }
        if (!aeTitles.contains(rq.calledAeTitle())) {
            return reject(AAssociateRj.Reason.CALLED_AE_TITLE_NOT_RECOGNIZED);
        }
        if (!allowedCallingAeTitles.isEmpty()
                && allowedCallingAeTitles.stream().noneMatch(c -> c.matches(rq.callingAeTitle(), from))) {
            return reject(AAssociateRj.Reason.CALLING_AE_TITLE_NOT_RECOGNIZED);
        }
        if (rq.presentationContexts().isEmpty()) {
            // PS3.8 9.3.2: an A-ASSOCIATE-RQ carries one or more Presentation Context Items; without
            // one nothing could be exchanged. Answered as dcmtk does: rejected-permanent,
            // service-user, no-reason-given (PS3.8 9.3.4, Table 9-21).
            return reject(AAssociateRj.Reason.NO_REASON_GIVEN);
        }
        UserInformation ui = rq.userInformation();
        List<UserInformationItem> answer = new ArrayList<>();
        answer.add(new UserInformationItem.MaximumLength(maxPduLength));
        answer.add(new UserInformationItem.ImplementationClassUid(Implementation.CLASS_UID));
        ui.first(AsyncOperationsWindow.class).ifPresent(theirs -> answer.add(new AsyncOperationsWindow(
                minUnlimitedZero(asyncOperationsWindow.maxOperationsInvoked(), theirs.maxOperationsInvoked()),
                minUnlimitedZero(asyncOperationsWindow.maxOperationsPerformed(), theirs.maxOperationsPerformed()))));
        for (RoleSelection proposed : ui.all(RoleSelection.class)) {
            RoleSelection granted = roleSelector.answer(proposed);
            // PS3.7 D.3.3.4: a role not proposed cannot be accepted.
            answer.add(new RoleSelection(proposed.sopClassUid(), granted.scuRole() && proposed.scuRole(), granted.scpRole() && proposed.scpRole()));
        }
        answer.add(new UserInformationItem.ImplementationVersionName(Implementation.VERSION_NAME));
        for (SopClassExtendedNegotiation ext : ui.all(SopClassExtendedNegotiation.class)) {
            extendedNegotiation.apply(ext).ifPresent(answer::add);
        }
        Optional<UserIdentityRq> identity = ui.first(UserIdentityRq.class);
        if (identity.isPresent()) {
            Optional<byte[]> response = userIdentityPolicy.authenticate(identity.get());
            if (response.isEmpty()) {
                // PS3.7 D.3.3.7: a failed identity is refused with a service-user rejection.
                return reject(AAssociateRj.Reason.NO_REASON_GIVEN);
            }
            if (identity.get().positiveResponseRequested()) {
                answer.add(new UserIdentityAc(response.get()));
            }
        }
        List<PresentationContextAc> contexts = new ArrayList<>();
        for (PresentationContextRq pc : rq.presentationContexts()) {
            contexts.add(answerContext(pc));
        }
        return new Decision(new AAssociateAc(1, rq.calledAeTitle(), rq.callingAeTitle(), AAssociateRq.DICOM_APPLICATION_CONTEXT,
                contexts, new UserInformation(answer), List.of()), null);
    }

    /** PS3.8 9.3.3.2: result 3 or 4, or acceptance with the first of OUR transfer syntaxes the requestor offered. */
    private PresentationContextAc answerContext(PresentationContextRq pc) {
        String fallback = pc.transferSyntaxes().get(0);
        if (!abstractSyntaxes.test(pc.abstractSyntax())) {
            return new PresentationContextAc(pc.id(), PresentationContextAc.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED, fallback);
        }
        String first = pc.transferSyntaxes().get(0);
        if (!transferSyntaxes.contains(first) && acceptedAsOffered.test(first)) {
            // The requestor's first choice is a syntax we keep as received (say RLE or JPEG):
            // taking it spares a conversion the requestor may not even be able to make.
            return new PresentationContextAc(pc.id(), PresentationContextAc.Result.ACCEPTANCE, first);
        }
        for (String ours : transferSyntaxes) {
            if (pc.transferSyntaxes().contains(ours)) {
                return new PresentationContextAc(pc.id(), PresentationContextAc.Result.ACCEPTANCE, ours);
            }
        }
        for (String theirs : pc.transferSyntaxes()) {
            if (acceptedAsOffered.test(theirs)) {
                return new PresentationContextAc(pc.id(), PresentationContextAc.Result.ACCEPTANCE, theirs);
            }
        }
        return new PresentationContextAc(pc.id(), PresentationContextAc.Result.TRANSFER_SYNTAXES_NOT_SUPPORTED, fallback);
    }

    /** PS3.7 D.3.3.3: 0 means unlimited, so it loses to any limit. */
    private static int minUnlimitedZero(int a, int b) {
        if (a == 0) {
            return b;
        }
        if (b == 0) {
            return a;
        }
        return Math.min(a, b);
    }

    private static Decision reject(AAssociateRj.Reason reason) {
        return new Decision(null, new AAssociateRj(AAssociateRj.Result.REJECTED_PERMANENT, reason));
    }

    public static final class Builder {
        private Set<String> aeTitles = Set.of();
        private List<CallingAe> allowedCallingAeTitles = List.of();
        private int maxAssociations = 16;
        private int maxAssociationsPerHost = DEFAULT_MAX_ASSOCIATIONS_PER_HOST;
        private Predicate<String> abstractSyntaxes = s -> true;
        private List<String> transferSyntaxes = List.of(UIDs.ExplicitVRLittleEndian, UIDs.ImplicitVRLittleEndian);
        private RoleSelector roleSelector = proposed -> proposed;
        private UserIdentityPolicy userIdentityPolicy = UserIdentityPolicy.ACCEPT_ALL;
        private Function<SopClassExtendedNegotiation, Optional<SopClassExtendedNegotiation>> extendedNegotiation = e -> Optional.empty();
        private AsyncOperationsWindow asyncOperationsWindow = new AsyncOperationsWindow(1, 1);
        private long maxPduLength = 16384;
        private Predicate<String> acceptedAsOffered = ts -> false;

        /** Our AE titles: a called AE title outside this set is rejected (reason 7). Required. */
        public Builder aeTitles(Set<String> v) {
            aeTitles = v;
            return this;
        }

        /** Allowed calling AE titles; empty = any (reason 3 otherwise). */
        public Builder allowedCallingAeTitles(List<CallingAe> v) {
            allowedCallingAeTitles = v;
            return this;
        }

        public Builder maxAssociations(int v) {
            maxAssociations = v;
            return this;
        }

        /** Associations at once from one calling host (IP address); more are rejected like {@link #maxAssociations}. */
        public Builder maxAssociationsPerHost(int v) {
            maxAssociationsPerHost = v;
            return this;
        }

        public Builder abstractSyntaxes(Predicate<String> v) {
            abstractSyntaxes = v;
            return this;
        }

        public Builder abstractSyntaxes(Set<String> v) {
            Set<String> copy = Set.copyOf(v);
            abstractSyntaxes = copy::contains;
            return this;
        }

        /** Our transfer syntaxes, most preferred first. */
        public Builder transferSyntaxes(List<String> v) {
            transferSyntaxes = v;
            return this;
        }

        public Builder roleSelector(RoleSelector v) {
            roleSelector = v;
            return this;
        }

        public Builder userIdentityPolicy(UserIdentityPolicy v) {
            userIdentityPolicy = v;
            return this;
        }

        public Builder extendedNegotiation(Function<SopClassExtendedNegotiation, Optional<SopClassExtendedNegotiation>> v) {
            extendedNegotiation = v;
            return this;
        }

        public Builder asyncOperationsWindow(int invoked, int performed) {
            asyncOperationsWindow = new AsyncOperationsWindow(invoked, performed);
            return this;
        }

        /** The P-DATA-TF length we accept (PS3.8 D.1); 0 = unlimited. */
        public Builder maxPduLength(long v) {
            maxPduLength = v;
            return this;
        }

        /**
         * Transfer syntaxes accepted as the requestor offers them when none of ours was offered,
         * e.g. compressed syntaxes a storage SCP keeps as received.
         */
        public Builder acceptedAsOffered(Predicate<String> v) {
            acceptedAsOffered = v;
            return this;
        }

        /** Validates once, with messages naming the setting. */
        public AcceptancePolicy build() {
            if (aeTitles.isEmpty()) {
                throw new IllegalArgumentException("aeTitles: at least one AE title is required");
            }
            for (String ae : aeTitles) {
                if (ae.isBlank() || ae.length() > 16) {
                    throw new IllegalArgumentException("aeTitles: '" + ae + "' must be 1 to 16 characters");
                }
            }
            if (maxAssociations < 1) {
                throw new IllegalArgumentException("maxAssociations: must be at least 1, was " + maxAssociations);
            }
            if (maxAssociationsPerHost < 1) {
                throw new IllegalArgumentException("maxAssociationsPerHost: must be at least 1, was " + maxAssociationsPerHost);
            }
            if (transferSyntaxes.isEmpty()) {
                throw new IllegalArgumentException("transferSyntaxes: at least one is required");
            }
            if (maxPduLength != 0 && maxPduLength < 64) {
                throw new IllegalArgumentException("maxPduLength: must be 0 (unlimited) or at least 64, was " + maxPduLength);
            }
            return new AcceptancePolicy(this);
        }
    }
}
