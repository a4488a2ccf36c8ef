import { expect } from '@open-wc/testing';
import { sessionUserFromClaims } from '@care-record/auth';

describe('sessionUserFromClaims', () => {
  it('names the person, role, organisation and FHIR user from OpenID and SMART claims', () => {
    expect(
      sessionUserFromClaims({
        sub: 'nurse',
        name: 'Alex Morgan',
        role: 'Care Home Nurse',
        organisation: 'Rosewood Care Home',
        fhirUser: 'Practitioner/123',
      }),
    ).to.deep.equal({
      subject: 'nurse',
      name: 'Alex Morgan',
      role: 'Care Home Nurse',
      organisation: 'Rosewood Care Home',
      fhirUser: 'Practitioner/123',
    });
  });

  it('builds the name from given and family names, and reads org', () => {
    expect(sessionUserFromClaims({ sub: 's', given_name: 'Alex', family_name: 'Morgan', org: 'Rosewood' })).to.deep.equal({
      subject: 's',
      name: 'Alex Morgan',
      organisation: 'Rosewood',
    });
  });

  it('takes the selected NHS CIS2 role, by its job name', () => {
    const user = sessionUserFromClaims({
      sub: 's',
      selected_roleid: '2',
      nhsid_nrbac_roles: [
        { person_roleid: '1', role_name: '"Admin & Clerical":"Management - A & C":"Registration Authority Agent"' },
        { person_roleid: '2', role_name: '"Clinical":"Clinical Provision":"Nurse Access Role"' },
      ],
    });
    expect(user.role).to.equal('Nurse Access Role');
  });

  it('leaves out what the claims do not say', () => {
    expect(sessionUserFromClaims({ sub: 's', name: '  ' })).to.deep.equal({ subject: 's' });
  });
});
