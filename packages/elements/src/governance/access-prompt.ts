import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { clampHeadingLevel, renderHeading } from '../base/states.js';
import type { AccessReason } from './access.js';
import type { GovernanceStrings } from './strings.js';

/** What is wrong with the answer, field by field (each message is shown beside its field). */
export interface AccessPromptErrors {
  choice?: string;
  text?: string;
  confirm?: string;
}

export interface AccessPromptOptions {
  strings: GovernanceStrings;
  /** A restricted record: break glass, said prominently, with a confirmation. */
  restricted: boolean;
  headingLevel: number;
  choice: 'care' | 'other' | undefined;
  errors: AccessPromptErrors;
  onChoice: (event: Event) => void;
  onSubmit: (event: SubmitEvent) => void;
}

function errorMessage(strings: GovernanceStrings, id: string, message: string | undefined): TemplateResult | typeof nothing {
  return message
    ? html`<p class="error-message" id=${id}><span class="visually-hidden">${strings.errorPrefix}</span>${message}</p>`
    : nothing;
}

/**
 * The access-reason form (NHS design system patterns: radios in a fieldset, a conditionally revealed
 * text box, errors beside their fields and linked with aria-describedby). For a restricted record it
 * becomes the break-glass form: a padlock heading, a warning, and a confirmation checkbox.
 * Nothing of the record is shown in it.
 */
export function renderAccessPrompt(options: AccessPromptOptions): TemplateResult {
  const { strings, restricted, choice, errors } = options;
  const level = clampHeadingLevel(options.headingLevel);
  const title = restricted
    ? html`<span class="padlock" aria-hidden="true">🔒</span> ${strings.restrictedPromptTitle}`
    : strings.accessReasonTitle;
  const textDescribedBy = ['reason-text-hint', errors.text ? 'reason-text-error' : ''].filter(Boolean).join(' ');
  return html`<section
    class="access-prompt${restricted ? ' restricted' : ''}"
    part="access-prompt${restricted ? ' restricted' : ''}"
    aria-labelledby="access-heading"
  >
    ${renderHeading(level, title, { id: 'access-heading', part: 'heading access-heading' })}
    ${restricted
      ? html`<p class="restricted-warning"><span class="visually-hidden">${strings.importantPrefix}</span>${strings.restrictedPromptWarning}</p>`
      : html`<p>${strings.accessReasonIntro}</p>`}
    <form novalidate @submit=${options.onSubmit}>
      <div class="form-group${errors.choice ? ' has-error' : ''}">
        <fieldset aria-describedby=${ifDefined(errors.choice ? 'reason-choice-error' : undefined)}>
          <legend>${restricted ? strings.restrictedPromptLegend : strings.accessReasonLegend}</legend>
          ${errorMessage(strings, 'reason-choice-error', errors.choice)}
          <div class="radio">
            <input
              type="radio"
              id="reason-care"
              name="reason"
              value="care"
              .checked=${choice === 'care'}
              aria-invalid=${errors.choice ? 'true' : 'false'}
              @change=${options.onChoice}
            />
            <label for="reason-care">${strings.accessReasonCare}</label>
          </div>
          <div class="radio">
            <input
              type="radio"
              id="reason-other"
              name="reason"
              value="other"
              .checked=${choice === 'other'}
              aria-controls="reason-other-details"
              @change=${options.onChoice}
            />
            <label for="reason-other">${strings.accessReasonOther}</label>
          </div>
          <div class="conditional" id="reason-other-details" ?hidden=${choice !== 'other'}>
            <div class="form-group${errors.text ? ' has-error' : ''}">
              <label for="reason-text">${strings.accessReasonOtherLabel}</label>
              <p class="hint" id="reason-text-hint">${strings.accessReasonOtherHint}</p>
              ${errorMessage(strings, 'reason-text-error', errors.text)}
              <textarea
                id="reason-text"
                name="reason-text"
                rows="3"
                maxlength="500"
                aria-describedby=${textDescribedBy}
                aria-invalid=${errors.text ? 'true' : 'false'}
              ></textarea>
            </div>
          </div>
        </fieldset>
      </div>
      ${restricted
        ? html`<div class="form-group${errors.confirm ? ' has-error' : ''}">
            ${errorMessage(strings, 'confirm-error', errors.confirm)}
            <div class="checkbox">
              <input
                type="checkbox"
                id="break-glass-confirm"
                name="confirm"
                value="yes"
                aria-invalid=${errors.confirm ? 'true' : 'false'}
                aria-describedby=${ifDefined(errors.confirm ? 'confirm-error' : undefined)}
              />
              <label for="break-glass-confirm">${strings.breakGlassConfirm}</label>
            </div>
          </div>`
        : nothing}
      <button class="button${restricted ? ' warning-button' : ''}" part="button access-submit-button" type="submit">
        ${restricted ? strings.breakGlassSubmit : strings.accessReasonSubmit}
      </button>
    </form>
  </section>`;
}

/** The reason given, above the open record: prominent after break glass, a quiet line otherwise. */
export function renderAccessNote(strings: GovernanceStrings, reason: AccessReason): TemplateResult {
  if (reason.breakGlass) {
    return html`<div class="access-note break-glass" part="access-note break-glass" role="status" tabindex="-1">
      <p><span class="padlock" aria-hidden="true">🔒</span> ${strings.breakGlassGiven(reason.text)}</p>
    </div>`;
  }
  return html`<p class="access-note" part="access-note" role="status" tabindex="-1">${strings.accessReasonGiven(reason.text)}</p>`;
}
