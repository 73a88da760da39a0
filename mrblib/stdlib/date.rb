# Ruby's Date, the part a config uses: a calendar day (proleptic Gregorian, no time zone) built on
# Time at UTC midnight. Date.today is the host's day, as in Ruby.
module Jetsam
  class ::Date
    include Comparable

    class Error < ArgumentError; end

    attr_reader :year, :month, :day
    alias mon month
    alias mday day

    def self.today
      now = ::Time.now
      new(now.year, now.month, now.day)
    end

    def self.valid_date?(year, month, day)
      return false unless [year, month, day].all? { |v| v.is_a?(Integer) } && month.between?(1, 12) && day >= 1
      day <= days_in_month(year, month)
    end
    class << self
      alias valid_civil? valid_date?
    end

    def self.leap?(year)
      (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    end
    class << self
      alias gregorian_leap? leap?
    end

    def self.days_in_month(year, month)
      return 29 if month == 2 && leap?(year)
      [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    end

    # "2024-01-31" and "20240131" (ISO 8601's calendar dates), as Date.parse and Date.iso8601 read them.
    def self.iso8601(text)
      text = text.to_s.strip
      parts = text.include?("-") ? text.split("-") : [text[0, 4], text[4, 2], text[6, 2]]
      unless parts.size == 3 && parts.all? { |p| !p.nil? && !p.empty? && p.each_char.all? { |c| c >= "0" && c <= "9" } }
        raise Error, "invalid date"
      end
      new(parts[0].to_i, parts[1].to_i, parts[2].to_i)
    end

    def self.parse(text)
      iso8601(text.to_s.strip[0, 10])
    end

    def initialize(year = -4712, month = 1, day = 1)
      if day < 0
        day = Date.days_in_month(year, month < 0 ? month + 13 : month) + day + 1 if month.between?(-12, 12)
      end
      month += 13 if month < 0
      raise Error, "invalid date" unless Date.valid_date?(year, month, day)
      @year = year
      @month = month
      @day = day
    end

    def to_time
      ::Time.local(year, month, day)
    end

    def wday
      ::Time.utc(year, month, day).wday
    end

    def yday
      ::Time.utc(year, month, day).yday
    end

    def jd
      # Days since the Julian day epoch (Fliegel and Van Flandern's formula).
      a = (14 - month) / 12
      y = year + 4800 - a
      m = month + 12 * a - 3
      day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32_045
    end

    def self.jd(number)
      a = number + 32_044
      b = (4 * a + 3) / 146_097
      c = a - 146_097 * b / 4
      d = (4 * c + 3) / 1461
      e = c - 1461 * d / 4
      m = (5 * e + 2) / 153
      new(100 * b + d - 4800 + m / 10, m + 3 - 12 * (m / 10), e - (153 * m + 2) / 5 + 1)
    end

    def +(days)
      raise TypeError, "expected numeric" unless days.is_a?(Numeric)
      Date.jd(jd + days.to_i)
    end

    def -(other)
      return jd - other.jd if other.is_a?(Date)
      self + -other
    end

    def next_day(n = 1)
      self + n
    end

    def prev_day(n = 1)
      self - n
    end

    def >>(months)
      total = year * 12 + (month - 1) + months
      y = total / 12
      m = total % 12 + 1
      Date.new(y, m, [day, Date.days_in_month(y, m)].min)
    end

    def <<(months)
      self >> -months
    end

    def next_month(n = 1)
      self >> n
    end

    def prev_month(n = 1)
      self << n
    end

    def next_year(n = 1)
      self >> (12 * n)
    end

    def prev_year(n = 1)
      self << (12 * n)
    end

    def leap?
      Date.leap?(year)
    end

    def <=>(other)
      other.is_a?(Date) ? jd <=> other.jd : nil
    end

    def ==(other)
      other.is_a?(Date) && jd == other.jd
    end
    alias eql? ==

    def hash
      jd.hash
    end

    def strftime(pattern = "%F")
      ::Time.utc(year, month, day).strftime(pattern)
    end

    def iso8601
      format("%04d-%02d-%02d", year, month, day)
    end
    alias to_s iso8601
    alias xmlschema iso8601

    def inspect
      "#<Date: #{iso8601}>"
    end

    %w[sunday monday tuesday wednesday thursday friday saturday].each_with_index do |name, index|
      define_method("#{name}?") { wday == index }
    end
  end
end
