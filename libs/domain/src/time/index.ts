export {
  SHANGHAI_OFFSET, SHANGHAI_OFFSET_MS, SHANGHAI_TIME_ZONE, shanghaiClock, shanghaiDate, shanghaiDayNumber, shanghaiMidnight,
  shanghaiMidnightIso, shanghaiMidnightOfDate, shanghaiMidnightText, shanghaiYear,
} from './shanghai-time';
