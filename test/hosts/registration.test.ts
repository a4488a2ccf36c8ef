// How a vendor registers the elements: importing the package registers nothing (classes never
// register themselves), a registration module registers its element, and defineCareRecordElements
// registers every element, under a prefix when the host's tag names clash.
import { expect } from '@open-wc/testing';
import { careRecordElements, defineCareRecordElements } from '@care-record/elements';

describe('registration', () => {
  it('registers nothing when the package itself is imported', () => {
    const defined = careRecordElements.map(({ tag }) => tag).filter((tag) => customElements.get(tag));
    expect(defined).to.deep.equal([]);
  });

  it('registers every element under a prefix, and each registration module under its own tag', async () => {
    defineCareRecordElements({ prefix: 'rosewood' });
    expect(careRecordElements.filter(({ tag }) => !customElements.get(`rosewood-${tag}`)).map(({ tag }) => tag)).to.deep.equal([]);
    expect(customElements.get('discharge-list')).to.equal(undefined);

    const { DischargeList } = await import('@care-record/elements/discharge-list.js');
    const registered = customElements.get('discharge-list');
    expect(registered).to.exist;
    // The class was taken by the prefixed tag first: the plain tag gets a subclass of it.
    expect(registered === DischargeList || registered!.prototype instanceof DischargeList).to.equal(true);
  });
});
