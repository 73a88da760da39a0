# ActiveSupport's Numeric and Integer extensions (core_ext/numeric/*, core_ext/integer/*) and
# ActiveSupport::Duration: `15.minutes`, `2.megabytes`, `1.day.to_i`, `3.ordinalize`.
module Jetsam
  class ::ActiveSupport::Duration
    SECONDS_PER_MINUTE = 60
    SECONDS_PER_HOUR = 3600
    SECONDS_PER_DAY = 86400
    SECONDS_PER_WEEK = 604800
    SECONDS_PER_MONTH = 2629746  # 1/12 of a gregorian year
    SECONDS_PER_YEAR = 31556952  # length of a gregorian year (365.2425 days)
    PARTS_IN_SECONDS = {
      seconds: 1, minutes: SECONDS_PER_MINUTE, hours: SECONDS_PER_HOUR, days: SECONDS_PER_DAY,
      weeks: SECONDS_PER_WEEK, months: SECONDS_PER_MONTH, years: SECONDS_PER_YEAR
    }.freeze
    PARTS = [:years, :months, :weeks, :days, :hours, :minutes, :seconds].freeze

    attr_reader :value

    def self.build(unit, amount)
      new(amount * PARTS_IN_SECONDS[unit], { unit => amount })
    end

    %i[seconds minutes hours days weeks months years].each do |unit|
      define_singleton_method(unit) { |amount| build(unit, amount) }
    end

    def initialize(value, parts)
      @value = value
      @parts = parts.reject { |_unit, amount| amount == 0 }
    end

    def parts
      @parts.dup
    end

    def +(other)
      if other.is_a?(::ActiveSupport::Duration)
        sum = @parts.dup
        other.parts.each { |unit, amount| sum[unit] = (sum[unit] || 0) + amount }
        self.class.new(value + other.value, sum)
      else
        self.class.new(value + other, @parts.merge(seconds: (@parts[:seconds] || 0) + other))
      end
    end

    def -(other)
      self + (-other)
    end

    def -@
      self.class.new(-value, @parts.transform_values { |amount| -amount })
    end

    def +@
      self
    end

    def *(other)
      if other.is_a?(::ActiveSupport::Duration)
        value * other.value
      else
        self.class.new(value * other, @parts.transform_values { |amount| amount * other })
      end
    end

    def /(other)
      if other.is_a?(::ActiveSupport::Duration)
        value / other.value
      else
        self.class.new(value / other, @parts.transform_values { |amount| amount / other })
      end
    end

    def %(other)
      other.is_a?(::ActiveSupport::Duration) ? self.class.build(:seconds, value % other.value) : self.class.build(:seconds, value % other)
    end

    def ==(other)
      other.is_a?(::ActiveSupport::Duration) ? other.value == value : other == value
    end

    def eql?(other)
      other.is_a?(::ActiveSupport::Duration) && other.value.eql?(value)
    end

    def hash
      value.hash
    end

    def <=>(other)
      other.is_a?(::ActiveSupport::Duration) ? value <=> other.value : (value <=> other)
    end
    include ::Comparable

    def is_a?(klass)
      klass == ::ActiveSupport::Duration || super
    end
    alias kind_of? is_a?

    def to_i
      value.to_i
    end

    def to_f
      value.to_f
    end

    def to_s
      value.to_s
    end

    def in_seconds
      to_i
    end

    def in_minutes
      in_seconds / SECONDS_PER_MINUTE.to_f
    end

    def in_hours
      in_seconds / SECONDS_PER_HOUR.to_f
    end

    def in_days
      in_seconds / SECONDS_PER_DAY.to_f
    end

    def in_weeks
      in_seconds / SECONDS_PER_WEEK.to_f
    end

    def in_months
      in_seconds / SECONDS_PER_MONTH.to_f
    end

    def in_years
      in_seconds / SECONDS_PER_YEAR.to_f
    end

    def since(time = ::Time.now)
      time + value
    end
    alias from_now since
    alias after since

    def ago(time = ::Time.now)
      time - value
    end
    alias until ago
    alias before ago

    def inspect
      return "#{value} seconds" if @parts.empty?
      @parts.sort_by { |unit, _| PARTS.index(unit) }
            .map { |unit, amount| "#{amount} #{amount == 1 ? unit.to_s.chop : unit}" }
            .to_sentence
    end

    def as_json(_options = nil)
      to_i
    end

    # ISO 8601 (ActiveSupport::Duration::ISO8601Serializer), e.g. "P1DT2H".
    def iso8601(precision: nil)
      parts = @parts.dup
      return "PT0S" if parts.empty?
      if parts.keys == [:weeks]
        return "P#{parts[:weeks]}W"
      end
      if parts[:weeks]
        parts[:days] = (parts[:days] || 0) + parts.delete(:weeks) * 7
      end
      date = [[:years, "Y"], [:months, "M"], [:days, "D"]].map { |unit, sign| "#{parts[unit]}#{sign}" if parts[unit] }.join
      seconds = parts[:seconds]
      seconds = format("%0.#{precision}f", seconds) if seconds && precision
      time = [[:hours, "H"], [:minutes, "M"]].map { |unit, sign| "#{parts[unit]}#{sign}" if parts[unit] }.join
      time += "#{seconds}S" if seconds
      "P#{date}#{time.empty? ? '' : "T#{time}"}"
    end
  end
  Duration = ::ActiveSupport::Duration

  class ::Numeric
    KILOBYTE = 1024
    MEGABYTE = KILOBYTE * 1024
    GIGABYTE = MEGABYTE * 1024
    TERABYTE = GIGABYTE * 1024
    PETABYTE = TERABYTE * 1024
    EXABYTE = PETABYTE * 1024
    ZETTABYTE = EXABYTE * 1024.0  # past 64-bit integers: a Float here

    def bytes
      self
    end
    alias byte bytes

    def kilobytes
      self * KILOBYTE
    end
    alias kilobyte kilobytes

    def megabytes
      self * MEGABYTE
    end
    alias megabyte megabytes

    def gigabytes
      self * GIGABYTE
    end
    alias gigabyte gigabytes

    def terabytes
      self * TERABYTE
    end
    alias terabyte terabytes

    def petabytes
      self * PETABYTE
    end
    alias petabyte petabytes

    def exabytes
      self * EXABYTE
    end
    alias exabyte exabytes

    def zettabytes
      self * ZETTABYTE
    end
    alias zettabyte zettabytes

    def seconds
      Duration.seconds(self)
    end
    alias second seconds

    def minutes
      Duration.minutes(self)
    end
    alias minute minutes

    def hours
      Duration.hours(self)
    end
    alias hour hours

    def days
      Duration.days(self)
    end
    alias day days

    def weeks
      Duration.weeks(self)
    end
    alias week weeks

    def fortnights
      Duration.weeks(self * 2)
    end
    alias fortnight fortnights

    def in_milliseconds
      self * 1000
    end

    def html_safe?
      true
    end
  end

  class ::Integer
    def months
      Duration.months(self)
    end
    alias month months

    def years
      Duration.years(self)
    end
    alias year years

    def multiple_of?(number)
      number == 0 ? self == 0 : self % number == 0
    end

    def ordinal
      Inflector.ordinal(self)
    end

    def ordinalize
      Inflector.ordinalize(self)
    end
  end
end
