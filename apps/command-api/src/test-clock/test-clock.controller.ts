import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import * as t from 'io-ts';
import { TestClock } from '@lic/clock';
import { closed, toIso } from '@lic/domain';
import { decodeOr400 } from '@lic/app';
import { CLOCK } from '../infrastructure/tokens';

export const AdvanceBody = closed(
  t.type(
    {
      seconds: t.refinement(
        t.number,
        (n) => Number.isFinite(n) && n >= 0 && n <= 10 * 365 * 86_400,
        'seconds (0..10 years)',
      ),
    },
    'AdvanceBody',
  ),
);

/**
 * Like Stripe's test clocks: moves this process's time forward. Mounted only when the process
 * starts with LICENSE_TEST_CLOCK=1; otherwise the route does not exist (404).
 */
@Controller('test/v1/clock')
export class TestClockController {
  constructor(@Inject(CLOCK) private readonly clock: TestClock) {}

  @Post('advance')
  @HttpCode(200)
  advance(@Body() raw: unknown) {
    const { seconds } = decodeOr400(AdvanceBody, raw, 'body');
    const now = this.clock.advance(seconds * 1000);
    return { now: toIso(now), offset_seconds: this.clock.offset / 1000 };
  }
}
