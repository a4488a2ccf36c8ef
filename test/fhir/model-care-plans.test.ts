import { expect } from '@open-wc/testing';
import type { Bundle, CarePlan, Goal } from '@care-record/fhir';
import { carePlanItems, createResourceLookup } from '../../packages/fhir/src/model/index.js';
import { loadFixture, resourcesOf, SYNTHEA_BUNDLES } from './model-fixtures.js';

let counter = 0;
function plan(fields: Partial<CarePlan> = {}): CarePlan {
  return { resourceType: 'CarePlan', id: `cp${++counter}`, status: 'active', intent: 'plan', subject: { reference: 'Patient/p1' }, ...fields };
}

function goal(fields: Partial<Goal> = {}): Goal {
  return { resourceType: 'Goal', id: `g${++counter}`, lifecycleStatus: 'active', description: { text: 'Walk to the garden unaided' }, subject: { reference: 'Patient/p1' }, ...fields };
}

describe('carePlanItems', () => {
  it('puts active plans first, then the newest', () => {
    const { items } = carePlanItems([
      plan({ id: 'done', status: 'completed', period: { start: '2024-05-01' } }),
      plan({ id: 'old', period: { start: '2020-01-01' } }),
      plan({ id: 'new', period: { start: '2023-01-01' } }),
      plan({ id: 'revoked', status: 'revoked', created: '2019-06-01' }),
    ]);
    expect(items.map((i) => i.id)).to.deep.equal(['new', 'old', 'done', 'revoked']);
  });

  it('resolves goals among the given Goals, contained ones and through the lookup, naming any that are missing', () => {
    const listed = goal({
      id: 'listed',
      achievementStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: 'improving', display: 'Improving' }] },
      target: [{ measure: { text: 'Body weight' }, detailQuantity: { value: 70, unit: 'kg' }, dueDate: '2024-12-01' }],
      note: [{ text: 'Weighed weekly' }],
    });
    const contained = goal({ id: 'inner', description: { text: 'Sleep through the night' } });
    const looked = goal({ id: 'looked', description: { text: 'Attend day centre' } });
    const [item] = carePlanItems(
      [plan({ contained: [contained], goal: [{ reference: 'Goal/listed' }, { reference: '#inner' }, { reference: 'urn:uuid:looked' }, { reference: 'Goal/gone', display: 'Reduce falls' }] })],
      { goals: [listed], resolve: createResourceLookup([looked]) },
    ).items;
    expect(item.goals.map((g) => g.description)).to.deep.equal(['Walk to the garden unaided', 'Sleep through the night', 'Attend day centre']);
    expect(item.goals[0]).to.deep.include({ lifecycleStatus: 'active', achievementStatus: 'Improving', achievementCode: 'improving', notes: ['Weighed weekly'] });
    expect(item.goals[0].targets).to.deep.equal([{ measure: 'Body weight', detail: '70 kg', due: '2024-12-01' }]);
    expect(item.missingGoals).to.deep.equal([{ reference: 'Goal/gone', display: 'Reduce falls' }]);
  });

  it('describes activities: what, status, schedule, who, where, outcome, and "do not perform"', () => {
    const [item] = carePlanItems([
      plan({
        activity: [
          {
            detail: {
              code: { text: 'Reposition every 2 hours' },
              status: 'in-progress',
              scheduledTiming: { repeat: { frequency: 1, period: 2, periodUnit: 'h' } },
              performer: [{ reference: 'CareTeam/night', display: 'Night care team' }],
              location: { display: 'Bedroom' },
            },
            outcomeCodeableConcept: [{ text: 'Skin intact' }],
          },
          { detail: { description: 'No bed rails', status: 'not-started', doNotPerform: true } },
          { reference: { reference: 'ServiceRequest/physio', display: 'Physiotherapy referral' } },
        ],
      }),
    ]).items;
    expect(item.activities[0]).to.deep.include({ title: 'Reposition every 2 hours', status: 'in-progress', doNotPerform: false });
    expect(item.activities[0].scheduled?.timing?.repeat?.period).to.equal(2);
    expect(item.activities[0].performers.map((p) => p.name)).to.deep.equal(['Night care team']);
    expect(item.activities[0].location?.name).to.equal('Bedroom');
    expect(item.activities[0].outcomes).to.deep.equal(['Skin intact']);
    expect(item.activities[1]).to.deep.include({ title: 'No bed rails', doNotPerform: true });
    expect(item.activities[2]).to.deep.include({ title: 'Physiotherapy referral', kind: 'ServiceRequest' });
  });

  it('carries status, intent, period, categories, title, description, author, notes and the raw narrative', () => {
    const [item] = carePlanItems([
      plan({
        title: 'Falls prevention',
        description: 'Reduce the risk of falls at night',
        category: [{ text: 'Falls' }],
        period: { start: '2024-01-01', end: '2024-12-31' },
        author: { reference: 'Practitioner/gp', display: 'Dr Rastall' },
        note: [{ text: 'Reviewed with family' }],
        text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Plan</p></div>' },
      }),
    ]).items;
    expect(item).to.deep.include({ status: 'active', intent: 'plan', title: 'Falls prevention', description: 'Reduce the risk of falls at night', categories: ['Falls'], notes: ['Reviewed with family'] });
    expect(item.author?.name).to.equal('Dr Rastall');
    expect(item.narrative).to.equal('<div xmlns="http://www.w3.org/1999/xhtml"><p>Plan</p></div>');
  });

  it('removes entered-in-error plans and counts them', () => {
    const list = carePlanItems([plan({ status: 'entered-in-error' }), plan()]);
    expect(list.items).to.have.length(1);
    expect(list.excluded.enteredInError).to.equal(1);
  });

  describe('real examples', () => {
    it('reads HL7\'s heart operation plan with its contained goal and "do not perform" activity', async () => {
      const heart = await loadFixture<CarePlan>('hl7-r4/careplan-example-f001-heart.json');
      const [item] = carePlanItems([heart]).items;
      expect(item.goals.map((g) => [g.description, g.achievementStatus])).to.deep.equal([['recovery surgery on heart of patient', 'Achieved']]);
      expect(item.activities[0]).to.deep.include({ title: 'Operation on heart', status: 'completed', doNotPerform: true });
      expect(item.activities[0].scheduled?.text).to.equal('2011-06-27T09:30:10+01:00');
    });

    it('reads the UK Core wellness plan', async () => {
      const wellness = await loadFixture<CarePlan>('uk-core/UKCore-CarePlan-WellnessPlan-Example.json');
      const [item] = carePlanItems([wellness]).items;
      expect(item).to.deep.include({ description: 'Manage obesity and weight loss', categories: ['Weight management plan'], created: '2020-02-01' });
      expect(item.activities[0]).to.deep.include({ title: 'Body weight', statusReason: 'Achieved weight loss to mitigate diabetes risk.', outcomes: ['Progressive weight loss'] });
    });

    it('shows every Synthea care plan once, with its goals resolved', async () => {
      for (const file of SYNTHEA_BUNDLES) {
        const bundle = await loadFixture<Bundle>(`synthea/${file}`);
        const plans = resourcesOf<CarePlan>(bundle, 'CarePlan');
        const goals = resourcesOf<Goal>(bundle, 'Goal');
        const list = carePlanItems(plans, { goals });
        expect(list.items.length + list.excluded.enteredInError, file).to.equal(plans.length);
        const named = plans.reduce((n, p) => n + (p.goal?.length ?? 0), 0);
        const resolved = list.items.reduce((n, i) => n + i.goals.length + i.missingGoals.length, 0);
        expect(resolved, file).to.equal(named);
        expect(list.items.every((i) => i.missingGoals.length === 0), file).to.equal(true);
      }
    });
  });
});
