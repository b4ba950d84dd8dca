package org.qanode.app;

import java.util.ArrayList;
import java.util.List;
import org.qanode.qarecord.QaRecordLinks;
import org.qanode.qarecord.QatrackChannel;
import org.qanode.qarecord.RedmineChannel;
import org.qanode.qarecord.ResultSource;
import org.qanode.store.IndexDatabase;
import org.qanode.webhook.OutboxChannel;

/** The QA record channels section {@code qa} configures (none when it is absent). */
final class QaRecordChannels {
    private QaRecordChannels() {
    }

    /** @param index null for {@code qanode qa test}, which checks the systems and delivers nothing */
    static List<OutboxChannel> of(QanodeConfig config, IndexDatabase index, ResultSource results) {
        List<OutboxChannel> out = new ArrayList<>();
        QaRecordLinks links = index == null ? null : new QaRecordLinks(index);
        var timeout = config.webhookDelivery().requestTimeout();
        if (config.qaRecord().redmine() != null) {
            out.add(new RedmineChannel(config.qaRecord().redmine(), links, results, timeout));
        }
        if (config.qaRecord().qatrack() != null) {
            out.add(new QatrackChannel(config.qaRecord().qatrack(), links, results, timeout));
        }
        return out;
    }
}
