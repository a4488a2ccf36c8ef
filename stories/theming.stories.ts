import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { tokenNames } from '@care-record/elements';
import { applySmartStyle } from '@care-record/elements/smart-style.js';
import '@care-record/elements/patient-banner.js';
import '@care-record/elements/care-record-summary.js';
import '@care-record/elements/discharge-list.js';
// The shipped themes, as a vendor links them: each only sets tokens under its own class.
import '../packages/elements/themes/nhs.css';
import '../packages/elements/themes/vendor-example.css';
import { residentHandlers, residentId, withRecord } from './support/record.js';

type Tokens = Partial<Record<(typeof tokenNames)[number], string>>;

/** A resident's banner, summary and discharge summaries inside `classes` (a theme's classes). */
function record(classes: string, options: { style?: Record<string, string>; element?: (element?: Element) => void } = {}): TemplateResult {
  return html`<div class=${classes} style=${styleMap(options.style ?? {})} ${ref(options.element)}>
    ${withRecord(
      residentId('Margaret'),
      html`<patient-banner></patient-banner>
        <care-record-summary sections="allergies,medications,discharges"></care-record-summary>
        <discharge-list></discharge-list>`,
    )}
  </div>`;
}

const meta: Meta<Tokens> = {
  title: 'Guides/Theming',
  // One page per look; the introduction and README explain the tokens.
  tags: ['!autodocs'],
  parameters: {
    msw: residentHandlers(),
    docs: {
      description: {
        component:
          'Design tokens (`--care-record-*`, NHS defaults) set on any ancestor of the widgets theme them; nothing reaches inside their shadow roots. `packages/elements/themes/` has the NHS theme and an example vendor theme.',
      },
    },
  },
};
export default meta;
type Story = StoryObj<Tokens>;

/** No stylesheet at all: the NHS defaults (dark colours follow the system's preference). */
export const NhsDefaults: Story = {
  render: () => record(''),
};

/** `themes/nhs.css` with `care-record-theme-nhs`: the defaults written out, to pin them or start from. */
export const NhsThemeFile: Story = {
  render: () => record('care-record-theme-nhs care-record-light'),
};

/** `themes/vendor-example.css`: "Heather", a purple care-home brand with rounder corners and a larger font. */
export const VendorTheme: Story = {
  render: () => record('care-record-theme-heather care-record-light'),
};

/** The vendor theme's dark colours, pinned with `care-record-dark` (they also follow `prefers-color-scheme`). */
export const VendorThemeDark: Story = {
  render: () => record('care-record-theme-heather care-record-dark', { style: { background: '#1c1723', padding: '16px' } }),
};

// The example style from the SMART App Launch specification ("Styling").
const ehrStyle = {
  color_background: '#edeae3',
  color_error: '#9e2d2d',
  color_highlight: '#69b5ce',
  color_modal_backdrop: '',
  color_success: '#498e49',
  color_text: '#303030',
  dim_border_radius: '6px',
  dim_font_size: '13px',
  dim_spacing_size: '20px',
  font_family_body: "Georgia, Times, 'Times New Roman', serif",
  font_family_heading: "'HelveticaNeue-Light', Helvetica, Arial, 'Lucida Grande', sans-serif;",
};

/**
 * Launched from an EHR that publishes its look (`smart_style_url`): its colours, font, size, spacing
 * and corners, through the tokens. Its pale highlight is darkened just enough to read as link text.
 */
export const SmartLaunchStyle: Story = {
  render: () =>
    record('', {
      style: { background: ehrStyle.color_background, padding: '16px' },
      element: (element) => {
        if (element instanceof HTMLElement) applySmartStyle(element, ehrStyle);
      },
    }),
};

/** Try any token: values set here go on the widgets' ancestor, as a host's stylesheet would set them. */
export const Tokens: Story = {
  args: {
    '--care-record-color-primary': '#007f3b',
    '--care-record-font-size': '1.125rem',
    '--care-record-radius': '0px',
  },
  argTypes: Object.fromEntries(tokenNames.map((token) => [token, { control: token.includes('color') ? 'color' : 'text' }])),
  render: (args) => record('', { style: Object.fromEntries(Object.entries(args).filter(([, value]) => value)) as Record<string, string> }),
};
