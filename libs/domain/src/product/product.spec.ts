import * as E from 'fp-ts/Either';
import { fold } from '../shared/decider';
import { Policy, validatePolicy } from './policy';
import { presetNames, presets } from './presets';
import { policyForIssue, productDecider } from './product.decider';
import type { ProductCommand } from './product.commands';
import { ProductEvent } from './product.events';

const admin = { kind: 'admin' as const, id: 'alice' };
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const create: ProductCommand = {
  type: 'CreateProduct',
  productId: 'maya-plugin',
  actor: admin,
  name: 'Maya plug-in',
  withPresets: true,
};
const decide = (history: ProductEvent[], command: ProductCommand) =>
  productDecider.decide(
    command,
    fold(productDecider.evolve, productDecider.initialState, history),
    {
      now: T0,
    },
  );
const created = () => {
  const r = decide([], create);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return [...r.right];
};

describe('products and variants', () => {
  it('T1: the five seed-002 variants and the seed-000 user-sessions variant are presets, each a valid policy', () => {
    expect(presetNames).toEqual([
      'indie',
      'studio',
      'render-farm',
      'site',
      'trial',
      'user-sessions',
    ]);
    for (const name of presetNames) {
      expect(E.isRight(Policy.decode(presets[name]))).toBe(true);
      expect(validatePolicy(presets[name])).toEqual(E.right(presets[name]));
    }
    expect(presets.site.maxMachines).toBeNull();
    expect(presets['render-farm'].floating).toEqual({
      maxFloatingUsers: 50,
      floatingTimeoutMinutes: 15,
    });
    expect(presets.trial).toMatchObject({ maxMachines: 1, defaultTrialDays: 14 });
  });

  it('T1: creating a product with presets defines the six preset variants', () => {
    const events = created();
    expect(events.map((e) => e.type)).toEqual([
      'ProductCreated.v1',
      ...presetNames.map(() => 'VariantDefined.v1'),
    ]);
    events.forEach((e) => expect(E.isRight(ProductEvent.decode(e))).toBe(true));
    const state = fold(productDecider.evolve, productDecider.initialState, events);
    expect(policyForIssue(state, 'studio')).toEqual(E.right(presets.studio));
  });

  it('T2: a site policy with geo-spread detection on is invalid', () => {
    const bad = { ...presets.site, geoSpread: { enabled: true, maxCountries: 3 } };
    expect(E.isLeft(validatePolicy(bad))).toBe(true);
  });

  it('F4: the floating overlay is a runtime overlay: a per-machine policy may carry one', () => {
    const hybrid = {
      ...presets.studio,
      floating: { maxFloatingUsers: 10, floatingTimeoutMinutes: 15 },
    };
    expect(E.isRight(validatePolicy(hybrid))).toBe(true);
    expect(E.isLeft(validatePolicy({ ...presets['render-farm'], floating: null }))).toBe(true);
  });

  it('F6: a policy cannot keep idempotency keys for less than 24 hours', () => {
    expect(E.isLeft(validatePolicy({ ...presets.indie, idempotencyRetentionHours: 12 }))).toBe(
      true,
    );
  });

  it('M1: a per-machine policy needs a machine cap', () => {
    expect(E.isLeft(validatePolicy({ ...presets.indie, maxMachines: null }))).toBe(true);
  });

  it('O7: a retired variant issues no new licenses', () => {
    const events = created();
    const retired = decide(events, {
      type: 'RetireVariant',
      productId: 'maya-plugin',
      actor: admin,
      variantId: 'indie',
    });
    if (E.isLeft(retired)) throw new Error('expected events');
    const state = fold(productDecider.evolve, productDecider.initialState, [
      ...events,
      ...retired.right,
    ]);
    expect(E.isLeft(policyForIssue(state, 'indie'))).toBe(true);
    expect(E.isLeft(policyForIssue(state, 'nope'))).toBe(true);
  });

  it('A1: a product is created once; variants are defined once and changed explicitly', () => {
    const events = created();
    expect(decide(events, create)).toMatchObject(E.left({ code: 'PRODUCT_EXISTS' }));
    expect(
      decide(events, {
        type: 'DefineVariant',
        productId: 'maya-plugin',
        actor: admin,
        variantId: 'indie',
        policy: presets.indie,
        preset: null,
      }),
    ).toMatchObject(E.left({ code: 'VARIANT_EXISTS' }));
    const changed = decide(events, {
      type: 'ChangeVariantPolicy',
      productId: 'maya-plugin',
      actor: admin,
      variantId: 'studio',
      policy: { ...presets.studio, maxMachines: 5 },
    });
    expect(changed).toMatchObject(
      E.right([{ type: 'VariantPolicyChanged.v1', data: { policy: { maxMachines: 5 } } }]),
    );
  });
});
