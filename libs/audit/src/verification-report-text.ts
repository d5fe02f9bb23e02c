import type { VerificationResult } from './verify-event-store';

/** The report as an auditor reads it on a terminal. */
export function formatVerification({ report, checkpoint }: VerificationResult): string {
  const lines = [
    report.intact ? 'Hash chains intact.' : 'HASH CHAIN BROKEN.',
    `  mode            ${report.mode}`,
    `  events          ${report.events} (checked now: ${report.checked}; chained ${report.chained}, without a link ${report.unchained}; system records skipped ${report.systemRecords})`,
    `  streams         ${report.streams}`,
    `  broken links    ${report.brokenLinks}`,
  ];
  if (report.firstUnchained) {
    const at = report.firstUnchained;
    lines.push(`  first unchained ${at.streamId}@${at.revision} (event ${at.eventId}, position ${at.position.commit}): written before chaining or by another writer`);
  }
  const broken = report.firstBreak;
  if (broken) {
    lines.push(
      '',
      `First broken link (${broken.kind}) at position ${broken.position.commit}/${broken.position.prepare}:`,
      `  event           ${broken.eventId} (${broken.type || 'n/a'}), ${broken.streamId || 'n/a'} revision ${broken.revision || 'n/a'}`,
      `  ${broken.message}`,
      `  expected        ${broken.expected ?? 'none'}`,
      `  found           ${broken.found ?? 'none'}`,
    );
    if (broken.previous) lines.push(`  checked against ${broken.previous.eventId}, ${broken.previous.streamId} revision ${broken.previous.revision}, position ${broken.previous.position.commit}`);
  }
  if (checkpoint) {
    lines.push(
      '',
      `Checkpoint after ${checkpoint.events} events at position ${checkpoint.position?.commit ?? 'none'}, head ${checkpoint.globalHead ?? 'none'}.`,
      'Publish this line outside the system; pass it back with --checkpoint to check the log against it later:',
      `  ${checkpoint.token}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
