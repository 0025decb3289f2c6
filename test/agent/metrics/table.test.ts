// The metrics tables of the README and docs/metrics.md are rendered from the collectors' declarations.
import { describe, it } from 'vitest';
import { collectors } from '../../../agent/metrics/index';
import { renderMetricTable } from '../../../agent/metrics/table';
import { expectGeneratedSection } from '../../support/generated-section';

describe.each(['README.md', 'docs/metrics.md'])('%s metrics table', (file) => {
  it('is what the collectors declare', () => {
    expectGeneratedSection(
      file,
      '<!-- metrics:begin (generated from agent/metrics) -->\n',
      '<!-- metrics:end -->',
      renderMetricTable(collectors),
    );
  });
});
